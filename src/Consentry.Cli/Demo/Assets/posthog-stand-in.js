// A stand-in for PostHog's snippet: sets the cookie the real one sets (ph_<project key>_posthog, 1 year)
// and sends an event. It only ever runs when the banner has granted analytics for the PostHog service.
(function () {
  var id = Math.random().toString(16).slice(2);
  document.cookie = 'ph_phc_demo_posthog=' + encodeURIComponent(JSON.stringify({ distinct_id: id })) + '; Path=/; Max-Age=31536000; SameSite=Lax';
  fetch('/ingest', { method: 'POST', body: JSON.stringify({ event: '$pageview', distinct_id: id }) });
  document.documentElement.setAttribute('data-posthog', 'loaded');
})();
