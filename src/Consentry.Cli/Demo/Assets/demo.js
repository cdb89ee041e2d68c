// Demo pages' own behaviour, kept out of the HTML so the pages run under a strict CSP.
// Buttons with data-store="localStorage|sessionStorage" data-key=… data-value=… write that key.
document.addEventListener('click', function (e) {
  var b = e.target.closest && e.target.closest('[data-store]');
  if (!b) return;
  window[b.getAttribute('data-store')].setItem(b.getAttribute('data-key'), b.getAttribute('data-value'));
  var out = document.getElementById('stored');
  if (out) out.textContent = b.getAttribute('data-key') + ' = ' + b.getAttribute('data-value');
});
