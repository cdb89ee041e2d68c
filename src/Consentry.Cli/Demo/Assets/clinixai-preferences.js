// Runs only when the banner has granted the functional category: keeps ClinixAI's UI preferences.
localStorage.setItem('clinixai-role-preference', 'clinician');
localStorage.setItem('clinixai-ui-state', JSON.stringify({ sidebar: 'open' }));
localStorage.setItem('clinixai-notification-preferences', JSON.stringify({ email: true }));
document.documentElement.setAttribute('data-preferences', 'loaded');
