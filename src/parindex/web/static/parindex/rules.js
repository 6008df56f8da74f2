// The points of a rule leaf, shown as its measured value is typed.
//
// A mirror of the core's rule (src/parindex/core/rules.py) for display only: the server
// computes the points again from the value and stores its own figure. Exact, as the core is:
// every number is a fraction of BigInts, rounded half-up to the framework's leaf_decimals.
//   ratio: max × min(1, value ÷ full_at)        steps: the points of the first step reached
// An input carries its rule as JSON in data-rule ({kind, max, decimals, full_at, steps, kps});
// the figure goes to the <output> named by its data-output. No inline script (CSP: script-src 'self').
"use strict";

(function () {
  const NO_CASE = ["kps", "không phát sinh", "khong phat sinh"];
  const HINT = "nhập tỷ lệ như 97,3 hoặc số đạt/tổng số như 35/36";

  function decimal(text) {
    // "97,3" / "97.3" / ",5" → {n, d}; null if not a plain number (as core.numbers.parse_decimal)
    const m = /^(\d*)(?:[.,](\d*))?$/.exec(text);
    if (!m || (m[1] === "" && !m[2])) return null;
    const fraction = m[2] || "";
    return { n: BigInt((m[1] || "0") + fraction), d: 10n ** BigInt(fraction.length) };
  }

  function measure(raw) {
    // a percent as a fraction, "kps", or {error}
    const text = raw.trim().replace(/\s+/g, " ");
    if (NO_CASE.includes(text.toLowerCase())) return "kps";
    const pair = /^(\d+)\s*\/\s*(\d+)$/.exec(text);
    if (pair) {
      const done = BigInt(pair[1]);
      const total = BigInt(pair[2]);
      if (total === 0n) return { error: "mẫu số bằng 0 — nếu không phát sinh, nhập KPS" };
      if (done > total) return { error: "tử số lớn hơn mẫu số" };
      return { n: done * 100n, d: total };
    }
    const number = decimal(text.replace(/%$/, "").trim());
    return number || { error: HINT };
  }

  function halfUp(n, d, places) {
    // n/d ≥ 0 in units of 10^-places, ties away from zero (core.numbers.round_half_up)
    const scaled = n * 10n ** BigInt(places);
    return (2n * scaled + d) / (2n * d);
  }

  function words(units, places) {
    // 194 with 2 places → "1,94"; 200 → "2" (trailing zeros dropped, as format_vn)
    const text = units.toString().padStart(places + 1, "0");
    let whole = places ? text.slice(0, -places) : text;
    const fraction = places ? text.slice(-places).replace(/0+$/, "") : "";
    whole = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ".");
    return fraction ? whole + "," + fraction : whole;
  }

  function plain(text) {
    // a plain decimal of the rule's JSON ("2", "0.5") in words ("2", "0,5")
    return words(decimal(text).n, (text.split(".")[1] || "").length);
  }

  function points(rule, value) {
    // the points as words, for a measured value {n, d}
    const max = decimal(rule.max);
    if (rule.kind === "ratio") {
      const full = decimal(rule.full_at);
      if (value.n * full.d >= full.n * value.d) return words(halfUp(max.n, max.d, rule.decimals), rule.decimals);
      const n = max.n * value.n * full.d;
      const d = max.d * value.d * full.n;
      return words(halfUp(n, d, rule.decimals), rule.decimals);
    }
    for (const step of rule.steps) {
      const bound = decimal(step.bound);
      const left = value.n * bound.d;
      const right = bound.n * value.d;
      if (step.strict ? left > right : left >= right) return plain(step.points);
    }
    return "0";
  }

  function show(input) {
    const rule = JSON.parse(input.dataset.rule);
    const output = document.getElementById(input.dataset.output);
    if (!output) return;
    const form = input.form;
    const box = form ? form.querySelector("input[name=no_case]") : null;
    const raw = input.value.trim();
    let text = "";
    let wrong = false;
    const found = box && box.checked ? "kps" : raw ? measure(raw) : null;
    if (found === "kps") {
      if (rule.kps) {
        text = "Không phát sinh: " + plain(rule.max) + " điểm (tối đa)";
      } else {
        text = "Tiêu chí này không tính «không phát sinh» là điểm tối đa";
        wrong = true;
      }
    } else if (found && found.error) {
      text = "Chưa tính được: " + found.error;
      wrong = true;
    } else if (found) {
      text = "= " + points(rule, found) + " điểm";
    }
    output.textContent = text;
    output.classList.toggle("bad", wrong);
  }

  function start() {
    for (const input of document.querySelectorAll("input[data-rule]")) {
      input.addEventListener("input", () => show(input));
      const box = input.form ? input.form.querySelector("input[name=no_case]") : null;
      if (box) box.addEventListener("change", () => show(input));
      // the page opens with the server's figure for what is stored; typing replaces it, and a
      // value that was refused (shown again as typed) gets its own figure or reason at once
      if (input.value !== (input.dataset.stored || "")) show(input);
    }
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
