// A cycle's setup pages: a date-time picker beside each typed deadline, kept in sync both ways,
// and the "whole row" / "whole column" helpers of the assignment matrix.
// The typed text (15/12/2026 17:00, Vietnam time) is what the form sends; the server parses it.
// No inline script (CSP: script-src 'self').
"use strict";

(function () {
  function pad(n) {
    return String(n).padStart(2, "0");
  }

  function toPicker(text) {
    // "15/12/2026 17:00" → "2026-12-15T17:00"; a day alone → 23:59; "" if not a moment
    const m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?:\s+(\d{1,2})[:hg](\d{2}))?$/.exec(text.trim());
    if (!m) return "";
    return `${m[3]}-${pad(m[2])}-${pad(m[1])}T${pad(m[4] || 23)}:${m[5] || "59"}`;
  }

  function fromPicker(value) {
    const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(value);
    return m ? `${m[3]}/${m[2]}/${m[1]} ${m[4]}:${m[5]}` : "";
  }

  for (const text of document.querySelectorAll("input.moment")) {
    const picker = document.createElement("input");
    picker.type = "datetime-local";
    picker.className = "moment-picker";
    picker.setAttribute("aria-label", "Chọn ngày giờ");
    picker.tabIndex = -1;
    picker.value = toPicker(text.value);
    text.after(picker);
    picker.addEventListener("input", () => {
      text.value = fromPicker(picker.value);
    });
    text.addEventListener("input", () => {
      picker.value = toPicker(text.value);
    });
  }

  function toggle(boxes) {
    const all = boxes.every((b) => b.checked);
    for (const b of boxes) b.checked = !all;
  }

  for (const button of document.querySelectorAll("button[data-row]")) {
    button.addEventListener("click", () => {
      toggle([...document.querySelectorAll(`input[data-unit="${button.dataset.row}"]`)]);
    });
  }
  for (const button of document.querySelectorAll("button[data-col]")) {
    button.addEventListener("click", () => {
      toggle([...document.querySelectorAll(`input[data-field="${button.dataset.col}"]`)]);
    });
  }
})();
