// Progressive enhancement only: every page works without this file.
// - turns on govuk-frontend's components (conditional reveals, error summary focus, skip link)
// - keeps deadline countdowns (<time data-countdown datetime="...">) current
import { initAll } from "/vendor/govuk-frontend/govuk-frontend.min.js";

document.body.classList.add("js-enabled", "govuk-frontend-supported");
initAll();

function countdownText(deadline, now) {
  const left = deadline - now;
  const span = Math.abs(left);
  const days = Math.floor(span / 86400000);
  const hours = Math.floor(span / 3600000);
  const minutes = Math.max(1, Math.floor(span / 60000));
  const text = days >= 2 ? `${days} days` : hours >= 2 ? `${hours} hours` : `${minutes} minutes`;
  return left < 0 ? `passed ${text} ago` : `in ${text}`;
}

function tick() {
  const now = Date.now();
  for (const el of document.querySelectorAll("time[data-countdown]")) {
    const deadline = Date.parse(el.getAttribute("datetime"));
    if (!Number.isNaN(deadline)) el.textContent = countdownText(deadline, now);
  }
}

tick();
setInterval(tick, 30000);

// Radios that reveal a follow-up question (the GOV.UK conditional reveal). Done here rather than by govuk-frontend's
// radios, which mark each radio aria-expanded, an attribute ARIA does not allow on a radio. Without this script every
// follow-up simply shows.
for (const group of document.querySelectorAll("[data-app-reveal]")) {
  const radios = [...group.querySelectorAll("input[type=radio][data-aria-controls]")];
  const sync = () => {
    for (const radio of radios) {
      const target = document.getElementById(radio.getAttribute("data-aria-controls"));
      if (target) target.classList.toggle("govuk-radios__conditional--hidden", !radio.checked);
    }
  };
  for (const radio of group.querySelectorAll("input[type=radio]")) radio.addEventListener("change", sync);
  sync();
}
