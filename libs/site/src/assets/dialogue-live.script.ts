/**
 * The one script of the website: on a live online dialogue's page, it asks the page's own JSON
 * address for the published answers every few seconds and puts the new ones at the top of the
 * answers list, an `aria-live` region, so a screen reader announces them. Plain ES2017, no
 * third-party code, text set with `textContent` only (never parsed as HTML). Without JavaScript
 * the page refreshes itself instead (a `<meta http-equiv="refresh">` in `<noscript>`).
 */
export const DIALOGUE_LIVE_SCRIPT = `(function () {
  'use strict';
  var list = document.getElementById('dialogue-answers');
  if (!list || list.getAttribute('data-live') !== '1' || !window.fetch) return;
  var source = list.getAttribute('data-source');
  var every = (Number(list.getAttribute('data-interval')) || 15) * 1000;
  var status = document.getElementById('dialogue-status');
  var empty = document.getElementById('dialogue-empty');
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text) e.textContent = text;
    return e;
  }
  function item(a) {
    var li = el('li', 'dialogue-answer');
    li.id = 'tl-' + a.id;
    var q = el('div', 'dialogue-q');
    q.appendChild(el('p', 'meta', a.askerLabel));
    a.question.forEach(function (p) { q.appendChild(el('p', '', p)); });
    var ans = el('div', 'dialogue-a');
    var who = el('p', 'meta');
    who.appendChild(el('strong', '', a.guestLabel));
    var time = el('time', '', ' · ' + a.answeredAtText);
    time.setAttribute('datetime', a.answeredAt);
    who.appendChild(time);
    ans.appendChild(who);
    a.answer.forEach(function (p) { ans.appendChild(el('p', '', p)); });
    li.appendChild(q);
    li.appendChild(ans);
    return li;
  }
  function poll() {
    fetch(source, { headers: { accept: 'application/json' }, credentials: 'same-origin', cache: 'no-store' })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (data) {
        if (!data) return setTimeout(poll, every * 2);
        var added = 0;
        data.answers.forEach(function (a) {
          if (document.getElementById('tl-' + a.id)) return;
          list.insertBefore(item(a), list.firstChild);
          added++;
        });
        if (added && empty) empty.hidden = true;
        if (added && status) status.textContent = data.newLabel.replace('{n}', String(added));
        if (data.state === 'LIVE') setTimeout(poll, every);
      })
      .catch(function () { setTimeout(poll, every * 2); });
  }
  setTimeout(poll, every);
})();
`;
