// The officer's field page: one form for every criterion of the field (#field-form, its inputs
// joined by their form="field-form" attribute), a warning before leaving with unsaved changes,
// the page coming back to the criterion last worked on, and "không phát sinh" shown at once.
// No inline script (CSP: script-src 'self'); the server checks and saves everything.
"use strict";

(function () {
  function start() {
    const form = document.getElementById("field-form");
    if (form) watch(form);
    for (const box of document.querySelectorAll("input[data-kps-for]")) kps(box);
    for (const step of document.querySelectorAll("form[data-confirm]")) confirmFirst(step);
  }

  function watch(form) {
    const fields = Array.from(form.elements).filter((e) => e.type !== "hidden" && e.name);
    const note = document.querySelector(".unsaved-note");
    const anchor = form.querySelector("input[name=anchor]");
    let dirty = false;
    let leaving = false;
    const mark = (event) => {
      dirty = true;
      if (note) note.hidden = false;
      const leaf = event.target.closest("section.leaf");
      if (leaf && anchor) anchor.value = leaf.dataset.code || "";
    };
    for (const field of fields) {
      field.addEventListener("input", mark);
      field.addEventListener("change", mark);
    }
    document.addEventListener("focusin", (event) => {
      const leaf = event.target.closest && event.target.closest("section.leaf");
      if (leaf && anchor && form.elements.namedItem && event.target.form === form) {
        anchor.value = leaf.dataset.code || "";
      }
    });
    form.addEventListener("submit", () => {
      leaving = true;
    });
    window.addEventListener("beforeunload", (event) => {
      if (!dirty || leaving) return undefined;
      event.preventDefault();
      event.returnValue = form.dataset.unsaved || "";
      return event.returnValue;
    });
    // a refused save comes back with each reason under its criterion: go to the first one
    const first = document.querySelector("section.leaf.has-error");
    if (first && !window.location.hash) first.scrollIntoView({ block: "start" });
  }

  function kps(box) {
    // the points of "không phát sinh" as soon as it is ticked (rules.js reads the box of the
    // leaf's own <form>; here the whole field is one form, so the box is followed here)
    const input = document.getElementById(box.dataset.kpsFor);
    const output = input ? document.getElementById(input.dataset.output) : null;
    if (!input || !output) return;
    const show = () => {
      if (box.checked) {
        output.textContent = box.dataset.kpsText;
        output.classList.remove("bad");
      } else {
        input.dispatchEvent(new Event("input"));
      }
    };
    box.addEventListener("change", show);
    input.addEventListener("input", () => {
      if (box.checked) window.setTimeout(show, 0);
    });
  }

  function confirmFirst(step) {
    // the server asks for the ticked box too; the dialog only saves a trip
    step.addEventListener("submit", (event) => {
      if (!window.confirm(step.dataset.confirm)) event.preventDefault();
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
