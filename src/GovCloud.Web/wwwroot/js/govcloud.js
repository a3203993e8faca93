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

// Accessibility mends for AntDesign Blazor 1.6.2, made once here after every render instead of in each page. The
// library leaves gaps that a screen reader or keyboard user meets (axe-core finds them; the browser tests run it on
// every main page of every role):
// - an icon beside text is decoration, yet is announced as an unnamed image: hidden from screen readers; a button
//   or link whose only content is an icon is named instead (关闭, 清除, 上一页 …);
// - a pager's previous/next are unnamed and say aria-disabled="prevDisabled";
// - a select's input has no name and no aria-expanded; it is named by its form label or its placeholder;
// - a range picker's separator carries aria-label="to" on a plain span;
// - the side menu's collapse handle cannot be reached by keyboard;
// - a table that scrolls sideways cannot be scrolled by keyboard;
// - links without an address and upload buttons cannot be reached by keyboard; steppers, dialogs and invalid fields
//   are not named or marked for a screen reader.
(function () {
  var iconNames = { close: "关闭", "close-circle": "清除", search: "查询", left: "上一页", right: "下一页",
    "double-left": "向前翻页", "double-right": "向后翻页", calendar: "选择日期", "swap-right": "至", down: "展开", eye: "显示密码",
    "eye-invisible": "隐藏密码", plus: "新增", minus: "删除", delete: "删除", edit: "编辑", "menu-fold": "收起菜单", "menu-unfold": "展开菜单" };

  function text(el) { return (el && el.textContent || "").replace(/\s+/g, " ").trim(); }
  function named(el) { return el.hasAttribute("aria-label") && el.getAttribute("aria-label") !== "" || el.hasAttribute("aria-labelledby") || text(el) !== ""; }
  function iconName(icon) {
    var m = /anticon-([a-z-]+)/.exec(icon.className.baseVal === undefined ? icon.className : icon.className.baseVal);
    return m && iconNames[m[1]];
  }
  function set(el, name, value) { if (el.getAttribute(name) !== value) el.setAttribute(name, value); }

  function mendIcons(root) {
    root.querySelectorAll(".anticon").forEach(function (icon) {
      var label = icon.getAttribute("aria-label");
      if (label && label !== "to") return;
      if (icon.hasAttribute("tabindex")) {
        // An icon that is itself the control (it takes the focus) is a named button, not decoration.
        set(icon, "role", "button");
        if (iconName(icon)) set(icon, "aria-label", iconName(icon));
        return;
      }
      var control = icon.closest("button, a, [role=button]");
      if (control && !named(control)) {
        var name = iconName(icon) || (control.closest("[title]") || {}).title;
        if (name) set(control, "aria-label", name);
      }
      if (icon.getAttribute("role") === "img") icon.removeAttribute("role");
      if (label === "to") icon.removeAttribute("aria-label");
      set(icon, "aria-hidden", "true");
    });
    root.querySelectorAll(".ant-picker-separator[aria-label]").forEach(function (s) { s.removeAttribute("aria-label"); set(s, "aria-hidden", "true"); });
    root.querySelectorAll(".ant-modal-close, .ant-drawer-close").forEach(function (b) { set(b, "aria-label", "关闭"); });
  }

  function mendPagers(root) {
    root.querySelectorAll(".ant-pagination-prev, .ant-pagination-next").forEach(function (li) {
      var disabled = li.classList.contains("ant-pagination-disabled");
      set(li, "aria-disabled", disabled ? "true" : "false");
      var button = li.querySelector("button, a");
      if (button && li.title) set(button, "aria-label", li.title);
    });
  }

  function mendSelects(root) {
    root.querySelectorAll("input[role=combobox]").forEach(function (input) {
      var select = input.closest(".ant-select");
      if (!select) return;
      set(input, "aria-expanded", select.classList.contains("ant-select-open") ? "true" : "false");
      if (input.id && root.querySelector("label[for='" + CSS.escape(input.id) + "']")) return;
      var item = select.closest(".ant-form-item");
      var name = item && text(item.querySelector(".ant-form-item-label label"))
        || text(select.querySelector(".ant-select-selection-placeholder"))
        || select.dataset.gcName
        || text(select.querySelector(".ant-select-selection-item"));
      if (!name) return;
      select.dataset.gcName = name;
      set(input, "aria-label", name);
    });
  }

  function mendSider(root) {
    root.querySelectorAll(".ant-layout-sider-trigger").forEach(function (t) {
      var collapsed = !!t.closest(".ant-layout-sider-collapsed");
      set(t, "role", "button");
      set(t, "tabindex", "0");
      set(t, "aria-label", collapsed ? "展开菜单" : "收起菜单");
      if (!t.dataset.gcKeys) {
        t.dataset.gcKeys = "1";
        t.addEventListener("keydown", function (e) {
          if (e.key === "Enter" || e.key === " ") { e.preventDefault(); t.click(); }
        });
      }
    });
  }

  function mendScrollers(root) {
    root.querySelectorAll(".ant-table-content, .ant-table-body").forEach(function (box) {
      if (box.scrollWidth > box.clientWidth + 1 || box.scrollHeight > box.clientHeight + 1) {
        set(box, "tabindex", "0");
        set(box, "role", "region");
        var title = text(box.closest(".ant-card") && box.closest(".ant-card").querySelector(".ant-card-head-title"));
        set(box, "aria-label", title ? title + "（可左右滚动）" : "表格（可左右滚动）");
      }
    });
  }

  // Links drawn without an address (a row's 编辑, an overview's figure) and upload buttons (a label over a hidden file
  // input) act on click only: the keyboard reaches them as buttons, and Enter or Space clicks them.
  function mendActions(root) {
    root.querySelectorAll("a:not([href]):not([tabindex]), label.ant-btn[for]:not([tabindex])").forEach(function (a) {
      set(a, "tabindex", "0");
      set(a, "role", "button");
      a.addEventListener("keydown", function (e) {
        if (e.key === "Enter" || e.key === " ") { e.preventDefault(); a.click(); }
      });
    });
    // A filter's × (back to 全部状态 …) showed only under the mouse: it is a button for the keyboard too.
    root.querySelectorAll(".ant-select-clear:not([tabindex])").forEach(function (c) {
      set(c, "tabindex", "0");
      set(c, "role", "button");
      set(c, "aria-label", "清除选择");
      c.removeAttribute("aria-hidden");
      c.addEventListener("keydown", function (e) {
        if (e.key !== "Enter" && e.key !== " ") return;
        e.preventDefault();
        c.dispatchEvent(new MouseEvent("mousedown", { bubbles: true }));
        c.dispatchEvent(new MouseEvent("click", { bubbles: true }));
      });
    });
  }

  // Number boxes' steppers were read as "Increase Value"; a dialog was read as "dialog" without its title; a field the
  // form marked wrong was not wrong to a screen reader.
  function mendFields(root) {
    root.querySelectorAll(".ant-input-number-handler-up").forEach(function (h) { set(h, "aria-label", "增加"); });
    root.querySelectorAll(".ant-input-number-handler-down").forEach(function (h) { set(h, "aria-label", "减少"); });
    root.querySelectorAll(".ant-modal-wrap").forEach(function (d) {
      var title = text(d.querySelector(".ant-modal-title"));
      set(d, "role", "dialog");
      set(d, "aria-modal", "true");
      if (title) set(d, "aria-label", title);
    });
    root.querySelectorAll(".ant-form-item input, .ant-form-item textarea").forEach(function (i) {
      if (i.closest(".ant-form-item-has-error")) set(i, "aria-invalid", "true");
      else if (i.hasAttribute("aria-invalid")) i.removeAttribute("aria-invalid");
    });
  }

  // A card's title is the heading of its section (基本信息, 评估意见 …): a screen reader lists and jumps by headings.
  function mendHeadings(root) {
    root.querySelectorAll(".ant-card-head-title, .ant-drawer-title, .ant-modal-title").forEach(function (t) {
      if (!text(t)) return;
      set(t, "role", "heading");
      set(t, "aria-level", t.classList.contains("ant-card-head-title") && !t.closest(".ant-modal, .ant-drawer") ? "2" : "3");
    });
  }

  function mend() {
    mendIcons(document); mendPagers(document); mendSelects(document); mendSider(document); mendScrollers(document);
    mendActions(document); mendFields(document); mendHeadings(document);
  }
  var pending = false;
  function schedule() {
    if (pending) return;
    pending = true;
    setTimeout(function () { pending = false; mend(); }, 30);
  }
  new MutationObserver(schedule).observe(document.documentElement, { subtree: true, childList: true, attributes: true, attributeFilter: ["class"] });
  window.addEventListener("resize", schedule);
  document.addEventListener("DOMContentLoaded", schedule);
  schedule();
})();

// The skip link: with <base href="/"> a bare "#gc-main" would lead to the home page; the focus moves to the content instead.
document.addEventListener("click", function (e) {
  var link = e.target instanceof Element && e.target.closest("a.gc-skip");
  if (!link) return;
  e.preventDefault();
  e.stopPropagation();
  var main = document.getElementById("gc-main");
  if (!main) return;
  main.setAttribute("tabindex", "-1");
  main.focus();
}, true);

// A closed select opens with Enter (and Space when it cannot be typed into), as a select does in the browser; AntDesign
// opens it only with the down arrow. The down arrow is sent after the Enter has been handled, so that the Enter is not
// taken as choosing the first option of a list that opened under it.
document.addEventListener("keyup", function (e) {
  var input = e.target;
  if (!(input instanceof HTMLInputElement) || input.getAttribute("role") !== "combobox" || e.isComposing) return;
  if (e.key !== "Enter" && !(e.key === " " && input.readOnly)) return;
  var select = input.closest(".ant-select");
  if (!select || select.classList.contains("ant-select-open") || select.classList.contains("ant-select-disabled")) return;
  setTimeout(function () {
    input.dispatchEvent(new KeyboardEvent("keydown", { key: "ArrowDown", code: "ArrowDown", bubbles: true }));
    input.dispatchEvent(new KeyboardEvent("keyup", { key: "ArrowDown", code: "ArrowDown", bubbles: true }));
  }, 0);
}, true);

// Dates are typed as offices write them: 2026-06-01, 2026/6/1, 2026.6.1, 2026年6月1日 or 20260601. AntDesign's pickers
// read only the display format (2026-06-01) and drop anything else on leaving the field; a complete date in another
// spelling is rewritten to it on Enter, Tab or leaving the field (eight digits at once, as they can only be a
// date), before the picker reads it. An impossible day (2026-02-30) is left as typed, for the picker to refuse.
(function () {
  function pad(n) { return (n < 10 ? "0" : "") + n; }
  function normal(value) {
    var m = /^\s*(\d{4})\s*[-\/.年]\s*(\d{1,2})\s*[-\/.月]\s*(\d{1,2})\s*日?\s*$/.exec(value) || /^\s*(\d{4})(\d{2})(\d{2})\s*$/.exec(value);
    if (!m) return null;
    var y = +m[1], mo = +m[2], d = +m[3], date = new Date(y, mo - 1, d);
    if (date.getFullYear() !== y || date.getMonth() !== mo - 1 || date.getDate() !== d) return null;
    return m[1] + "-" + pad(mo) + "-" + pad(d);
  }
  // A day that does not exist (2026-02-30) is refused by the picker, which puts back what it had: the user is told why,
  // in a note under the field (drawn outside the page's own elements, which the live connection owns).
  var note = null;
  function refuse(input, typed) {
    var picker = input.closest(".ant-picker");
    if (!picker) return;
    if (!note) {
      note = document.createElement("div");
      note.className = "gc-date-refused";
      note.setAttribute("role", "alert");
      document.body.appendChild(note);
    }
    var r = picker.getBoundingClientRect();
    note.textContent = "没有这一天：" + typed + "，请重新输入";
    note.style.left = (r.left + window.scrollX) + "px";
    note.style.top = (r.bottom + window.scrollY + 2) + "px";
    note.hidden = false;
    clearTimeout(note.timer);
    note.timer = setTimeout(function () { note.hidden = true; }, 6000);
  }
  function looksLikeDate(value) {
    return /^\s*\d{4}\s*[-\/.年]\s*\d{1,2}\s*[-\/.月]\s*\d{1,2}\s*日?\s*$/.test(value) || /^\s*\d{8}\s*$/.test(value);
  }
  function settle(input) {
    if (!(input instanceof HTMLInputElement) || !input.closest(".ant-picker-input")) return;
    var n = normal(input.value);
    if (!n && looksLikeDate(input.value)) { refuse(input, input.value.trim()); return; }
    if (!n || n === input.value) return;
    input.value = n;
    input.dispatchEvent(new Event("input", { bubbles: true }));
  }
  // Tab too: the picker handles its own Tab (closing, putting back what it last understood) before the field is left.
  document.addEventListener("keydown", function (e) { if ((e.key === "Enter" || e.key === "Tab") && !e.isComposing) settle(e.target); }, true);
  document.addEventListener("blur", function (e) { settle(e.target); }, true);
  document.addEventListener("input", function (e) {
    if (note && !note.hidden && e.target instanceof HTMLInputElement && e.target.closest(".ant-picker-input")) note.hidden = true;
    if (e.target instanceof HTMLInputElement && /^\s*\d{8}\s*$/.test(e.target.value)) settle(e.target);
  }, true);
})();

// Closing a dialog or drawer with unsaved changes asks first: what the user typed since it opened is not thrown away by
// its ×, its 取消, its Esc (below) or a misplaced click without a word (a click beside a form does not close it). A dialog
// counts as changed once something was typed or picked in it; the mark goes when it is hidden (saved or closed).
(function () {
  var boxes = ".ant-modal-wrap, .ant-drawer";
  function box(el) { return el instanceof Element ? el.closest(boxes) : null; }
  function isOpen(b) { return b.isConnected && (b.classList.contains("ant-drawer") ? b.classList.contains("ant-drawer-open") : getComputedStyle(b).display !== "none"); }
  function changed(e) { var b = box(e.target); if (b && e.isTrusted) b.setAttribute("data-gc-changed", ""); }
  document.addEventListener("input", changed, true);
  document.addEventListener("change", changed, true);
  // Picking from a select or a date picker happens in a list drawn outside the dialog: it counts for the dialog open now.
  document.addEventListener("click", function (e) {
    if (!(e.target instanceof Element) || !e.target.closest(".ant-select-item-option, .ant-picker-cell, .ant-checkbox-wrapper, .ant-radio-wrapper")) return;
    var open = box(e.target) || Array.prototype.filter.call(document.querySelectorAll(boxes), isOpen).pop();
    if (open) open.setAttribute("data-gc-changed", "");
  }, true);
  document.addEventListener("click", function (e) {
    var t = e.target instanceof Element ? e.target : null;
    var closer = t && (t.closest(".ant-modal-close, .ant-drawer-close") ||
      (function () { var b = t.closest("button"); return b && box(b) && b.textContent.replace(/\s/g, "") === "取消" ? b : null; })());
    var b = closer && box(closer);
    if (!b || !b.hasAttribute("data-gc-changed") || !editable(b)) return;
    if (window.confirm("有尚未保存的修改，关闭后将丢失。确定关闭吗？")) { b.removeAttribute("data-gc-changed"); return; }
    e.preventDefault();
    e.stopImmediatePropagation();
  }, true);
  // A hidden dialog (saved, or closed on purpose) starts unchanged the next time it opens; one that stays open after saving
  // with nothing left to type in (a drawer showing what was just published) has nothing to lose either.
  function editable(b) {
    return Array.prototype.some.call(b.querySelectorAll("input:not([type=hidden]), textarea"), function (f) { return f.offsetParent !== null; });
  }
  setInterval(function () {
    document.querySelectorAll("[data-gc-changed]").forEach(function (b) {
      if (!isOpen(b) || !editable(b)) b.removeAttribute("data-gc-changed");
    });
  }, 500);
})();

// Keyboard users inside dialogs: a dialog or drawer that opens takes the focus to its first field (or its ×), so typing
// starts in it and a screen reader reads its title; when it closes the focus goes back to the button that opened it
// (or to the page's content when that button is gone, e.g. the row was deleted), not to the top of the page. Esc in a
// form dialog acts as its ×: asks first if something was changed. Esc in an open list or calendar only closes that.
// A closed drawer stays in the page for its animation; it is made inert so Tab does not stop on its hidden ×.
(function () {
  var fields = "input:not([type=hidden]):not([disabled]):not([readonly]), textarea:not([disabled]), input[role=combobox]:not([disabled])";
  var open = [];
  function visible(b) {
    if (!b.isConnected) return false;
    if (b.classList.contains("ant-drawer")) return b.classList.contains("ant-drawer-open");
    if (b.classList.contains("ant-popover")) return b.getClientRects().length > 0 && getComputedStyle(b).visibility !== "hidden";
    return getComputedStyle(b).display !== "none";
  }
  function body(b) { return b.querySelector(".ant-modal-body, .ant-drawer-body") || b; }
  function confirmBox(b) { return b.classList.contains("ant-popover") && b.querySelector(".ant-popover-buttons"); }
  // The places the focus went last, newest at the end: the opener of a dialog is the last of them outside it. (The focus
  // itself may already be in the dialog when it is noticed: AntDesign moves it there on a busy server's own time.)
  var history = [];
  var tabbedAt = 0;
  document.addEventListener("keydown", function (e) { if (e.key === "Tab") tabbedAt = Date.now(); }, true);
  document.addEventListener("focusin", function (e) {
    var t = e.target;
    if (!(t instanceof HTMLElement)) return;
    history.push(t);
    if (history.length > 20) history.shift();
    var entry = open.length ? open[open.length - 1] : null;
    if (!entry || !entry.box.contains(t)) return;
    var frame = t === entry.box || t.matches(".ant-modal, .ant-modal-content, .ant-drawer-content-wrapper, .ant-drawer-content, div[aria-hidden=true][tabindex]");
    if (!frame) { if (t.matches(fields + ", button, a, [role=button]")) entry.last = t; return; }
    // AntDesign focuses the dialog's frame once it has drawn it, which on a busy server comes after the user has gone
    // into a field and typed: the focus goes back to that field (or the first one), unless Tab brought it there.
    if (Date.now() - tabbedAt < 300 || confirmBox(entry.box)) return;
    var back = entry.last && entry.last.isConnected ? entry.last : entry.first;
    if (back && back !== t && visible(entry.box)) back.focus();
  }, true);
  function enter(b) {
    var opener = null;
    for (var i = history.length - 1; i >= 0 && !opener; i--) {
      var h = history[i];
      if (h.isConnected && h !== document.body && !b.contains(h) && !h.closest(".ant-select-dropdown, .ant-picker-dropdown")) opener = h;
    }
    var entry = { box: b, opener: opener };
    open.push(entry);
    // A confirmation (提交? 批准?) takes the focus to its 取消, the harmless answer, so that Enter does nothing rash.
    var first = confirmBox(b) ? b.querySelector(".ant-popover-buttons button:not(.ant-btn-primary)") || b.querySelector(".ant-popover-buttons button")
      : body(b).querySelector(fields) || b.querySelector(".ant-modal-close, .ant-drawer-close") || body(b);
    if (first === body(b)) first.setAttribute("tabindex", "-1");
    entry.first = first;
    // After AntDesign's own focus handling of the opening dialog, which puts the focus on the dialog's frame (at once or
    // after its animation): a few times, as long as the user has not gone into a field or button of the dialog meanwhile.
    [60, 250, 500].forEach(function (delay) {
      setTimeout(function () {
        var active = document.activeElement;
        var chosen = active && b.contains(active) && active.matches("input, textarea, button, a, [role=button], [role=combobox]");
        if (visible(b) && !chosen) first.focus();
      }, delay);
    });
  }
  function leave(entry) {
    var active = document.activeElement;
    if (active && active !== document.body && active.isConnected && !entry.box.contains(active)) return;
    var target = entry.opener && entry.opener.isConnected ? entry.opener : document.getElementById("gc-main");
    if (!target) return;
    if (target.id === "gc-main") target.setAttribute("tabindex", "-1");
    target.focus({ preventScroll: true });
  }
  function check() {
    document.querySelectorAll(".ant-drawer").forEach(function (d) {
      var shown = d.classList.contains("ant-drawer-open");
      if (shown && d.hasAttribute("inert")) d.removeAttribute("inert");
      if (!shown && !d.hasAttribute("inert")) d.setAttribute("inert", "");
    });
    open = open.filter(function (e) { if (visible(e.box)) return true; leave(e); return false; });
    document.querySelectorAll(".ant-modal-wrap, .ant-drawer, .ant-popover").forEach(function (b) {
      if (b.classList.contains("ant-popover") && !confirmBox(b)) return;
      if (visible(b) && !open.some(function (e) { return e.box === b; })) enter(b);
    });
  }
  new MutationObserver(function () { setTimeout(check, 0); }).observe(document.documentElement,
    { subtree: true, childList: true, attributes: true, attributeFilter: ["class", "style"] });
  document.addEventListener("keydown", function (e) {
    if (e.key !== "Escape" || e.isComposing) return;
    // The box on top as the page stands now (not as last noticed: the noticing waits for the page to settle).
    var shown = Array.prototype.filter.call(document.querySelectorAll(".ant-modal-wrap, .ant-drawer, .ant-popover"), function (b) {
      return (!b.classList.contains("ant-popover") || confirmBox(b)) && visible(b);
    });
    var top = open.length && visible(open[open.length - 1].box) ? open[open.length - 1].box : shown[shown.length - 1];
    if (!top || top.classList.contains("ant-drawer")) return; // drawers close on Esc by themselves
    if (confirmBox(top)) {
      var cancel = top.querySelector(".ant-popover-buttons button:not(.ant-btn-primary)");
      if (cancel) { e.preventDefault(); cancel.click(); }
      return;
    }
    var lists = document.querySelectorAll(".ant-select-dropdown, .ant-picker-dropdown");
    for (var i = 0; i < lists.length; i++) if (lists[i].offsetParent !== null && getComputedStyle(lists[i]).display !== "none") return;
    var close = top.querySelector(".ant-modal-close");
    if (!close) return;
    e.preventDefault();
    close.click();
  });
})();

// A step opened from 待办 or an inbox message: the case page opens at the place to act (the evaluation form, the
// approval, the delivery, the agreement, the trial result …), not at its top, 1,500 px above. The link's click leaves a
// note for the page it leads to; the page, once drawn, scrolls to the first place to act it has and takes the note away.
(function () {
  var places = "#gc-county-review, #gc-evaluation-form, #gc-approval-form, #gc-delivery-form, #gc-agency-agree, #gc-center-agree, " +
    "#gc-trial-report, #gc-trial-center, #gc-change-evaluation, #gc-change-approval, #gc-change-completion, #gc-plan-form, #gc-revoke-form";
  var key = "gc-act";
  document.addEventListener("click", function (e) {
    var a = e.target instanceof Element ? e.target.closest("a.gc-act-link") : null;
    if (!a) return;
    try { sessionStorage.setItem(key, JSON.stringify({ path: new URL(a.href, location.href).pathname, at: Date.now() })); } catch (_) { }
  }, true);
  setInterval(function () {
    var note;
    try { note = JSON.parse(sessionStorage.getItem(key) || "null"); } catch (_) { note = null; }
    if (!note) return;
    if (Date.now() - note.at > 10000) { sessionStorage.removeItem(key); return; }
    if (note.path !== location.pathname) return;
    var place = document.querySelector(places);
    if (!place) return;
    sessionStorage.removeItem(key);
    // The live drawing may still add the parts above: scroll once it has settled.
    setTimeout(function () {
      place.scrollIntoView({ block: "start" });
      // The keyboard starts there too; a screen reader reads the section.
      if (!place.hasAttribute("tabindex")) place.setAttribute("tabindex", "-1");
      place.focus({ preventScroll: true });
    }, 400);
  }, 200);
})();
