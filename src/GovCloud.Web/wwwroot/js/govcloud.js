// Idle sign-out: activity pings the server at most once a minute, which slides the sign-in cookie.
// With no activity the cookie expires on the server; the page then reloads and lands on sign-in.
(function () {
  var minute = 60 * 1000;
  var lastPing = Date.now();
  var lastActivity = Date.now();
  var idleLimit = (parseInt(document.documentElement.dataset.idleMinutes || "30", 10) + 1) * minute;
  function activity() {
    lastActivity = Date.now();
    if (Date.now() - lastPing > minute && !location.pathname.startsWith("/account/")) {
      lastPing = Date.now();
      fetch("/account/keepalive", { credentials: "same-origin" });
    }
  }
  ["click", "keydown", "mousemove", "scroll", "touchstart"].forEach(function (e) {
    document.addEventListener(e, activity, { passive: true });
  });
  setInterval(function () {
    if (Date.now() - lastActivity > idleLimit && !location.pathname.startsWith("/account/")) location.reload();
  }, minute);
})();

// Forms in dialogs forgive: Enter inside a field never submits the dialog (a typed date is committed by its own picker,
// a half-filled form is not saved); only the dialog's buttons do. The key itself is left alone, so a date picker still
// takes its Enter; the form's submission that would follow it is what is stopped.
(function () {
  // The browser submits a form on Enter as the key's default action, before anything else runs: a flag set by the key
  // and cleared on the next turn of the event loop marks exactly that submission (a click on a button is never marked).
  var byEnter = false;
  document.addEventListener("keydown", function (e) {
    var t = e.target;
    if (e.key !== "Enter" || e.isComposing || !(t instanceof HTMLInputElement) || !t.closest(".ant-modal, .ant-drawer")) return;
    if (["submit", "button", "checkbox", "radio"].indexOf(t.type) >= 0) return;
    byEnter = true;
    setTimeout(function () { byEnter = false; }, 0);
  }, true);
  window.addEventListener("submit", function (e) {
    if (!byEnter || !(e.target instanceof Element) || !e.target.closest(".ant-modal, .ant-drawer")) return;
    byEnter = false;
    e.preventDefault();
    e.stopImmediatePropagation();
  }, true);
})();
