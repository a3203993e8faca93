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
