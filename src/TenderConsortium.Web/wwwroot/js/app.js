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
