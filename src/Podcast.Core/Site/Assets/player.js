// Inlined into each episode page. Links with data-seek move the page's player to that time and play; the transcript
// sentence being heard is marked as the audio plays. Without this script every such link still works as a link to
// the audio file with a #t= media fragment.
(function () {
  'use strict';
  var audio = document.getElementById('player');
  if (!audio) {
    return;
  }
  var now = document.getElementById('now');
  var segments = Array.prototype.slice.call(document.querySelectorAll('.transcript .seg'));
  var chapters = Array.prototype.slice.call(document.querySelectorAll('.chapters li[data-start]'));
  var quotes = Array.prototype.slice.call(document.querySelectorAll('.quote[data-seek]'));
  var starts = segments.map(function (s) { return parseFloat(s.getAttribute('data-start')); });
  var ends = segments.map(function (s) { return parseFloat(s.getAttribute('data-end')); });
  var chapterStarts = chapters.map(function (c) { return parseFloat(c.getAttribute('data-start')); });
  var current = -1;
  var currentChapter = -1;

  function seek(seconds) {
    if (!isFinite(seconds)) {
      return;
    }
    audio.currentTime = seconds;
    var playing = audio.play();
    if (playing && playing.catch) {
      playing.catch(function () { /* autoplay refused: the position is set, the listener presses play */ });
    }
    mark();
  }

  // Index of the last item starting at or before t, or -1.
  function lastAtOrBefore(list, t) {
    var lo = 0;
    var hi = list.length - 1;
    var found = -1;
    while (lo <= hi) {
      var mid = (lo + hi) >> 1;
      if (list[mid] <= t + 0.05) {
        found = mid;
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    return found;
  }

  function visible(el) {
    var r = el.getBoundingClientRect();
    return r.bottom > 0 && r.top < (window.innerHeight || document.documentElement.clientHeight);
  }

  function mark() {
    var t = audio.currentTime;
    var i = lastAtOrBefore(starts, t);
    if (i >= 0 && t > ends[i] + 1.5) {
      i = -1;
    }
    if (i !== current) {
      var follow = current >= 0 && visible(segments[current]);
      if (current >= 0) {
        segments[current].classList.remove('is-current');
      }
      current = i;
      if (current >= 0) {
        segments[current].classList.add('is-current');
        // Follow the audio only while the listener is reading along; never pull them away from elsewhere.
        if (follow && !visible(segments[current])) {
          segments[current].scrollIntoView({ block: 'center', behavior: 'smooth' });
        }
      }
    }
    var c = lastAtOrBefore(chapterStarts, t);
    if (c !== currentChapter) {
      if (currentChapter >= 0) {
        chapters[currentChapter].classList.remove('is-current');
      }
      currentChapter = c;
      if (c >= 0) {
        chapters[c].classList.add('is-current');
      }
      if (now) {
        now.textContent = c >= 0 ? chapters[c].querySelector('.title').textContent : '';
      }
    }
    quotes.forEach(function (q) {
      var on = t >= parseFloat(q.getAttribute('data-seek')) && t < parseFloat(q.getAttribute('data-end'));
      q.classList.toggle('is-playing', on && !audio.paused);
    });
  }

  document.addEventListener('click', function (e) {
    var selection = window.getSelection && window.getSelection();
    if (selection && !selection.isCollapsed) {
      return;
    }
    var target = e.target.closest('[data-seek], .transcript .seg');
    if (!target) {
      return;
    }
    e.preventDefault();
    seek(parseFloat(target.getAttribute(target.hasAttribute('data-seek') ? 'data-seek' : 'data-start')));
  });

  var frame = 0;
  function tick() {
    mark();
    frame = audio.paused ? 0 : window.requestAnimationFrame(tick);
  }
  audio.addEventListener('play', function () {
    if (!frame) {
      frame = window.requestAnimationFrame(tick);
    }
  });
  audio.addEventListener('pause', mark);
  audio.addEventListener('seeked', mark);
  audio.addEventListener('timeupdate', function () {
    if (audio.paused) {
      mark();
    }
  });

  // A link to the page with #t=SECONDS starts the player there (as YouTube and podcast pages do).
  var at = /^#t=(\d+(?:\.\d+)?)$/.exec(window.location.hash);
  if (at) {
    audio.currentTime = parseFloat(at[1]);
  }
}());
