// Keeps the address bar and the experiment in step: the URL's fragment
// (`#v=1&...`, as TensorFlow Playground does) always describes the current
// config, a link opens its experiment, and back / forward move between
// experiment states. A fragment is never sent to a server: no header-size
// limit (HTTP 431) and nothing in server logs. Old `?v=1` links still open,
// and move into the fragment. The only module that touches window.history.
import { decodeExperiment, encodeExperiment } from '../share/codec';
import { openLinkExperiment } from './dataActions';
import { useAppStore } from './store';
import { TEST_HOOKS_ENABLED } from './testHooks';
import { decodeSweep, encodeSweep, SWEEP_KEY } from '../sweep/link';
import { KNOB_LABELS } from '../sweep/plan';
import { setSweepSpec } from './sweepActions';
import { openLesson } from './lessonActions';

/** Wait this long after the last change before adding a history entry, so typing "0.001" is one entry. */
const PUSH_DELAY_MS = 400;
const TEST_KEY = /^e2e\./;

/** The lesson's place, for the address: `&lesson=…&step=…` (1-based), or nothing. */
function lessonSuffix(): string {
  const active = useAppStore.getState().lesson.active;
  return active ? `&lesson=${encodeURIComponent(active.id)}&step=${active.step + 1}` : '';
}

/** The address for `query`: the experiment in the fragment (and the lesson's place); a test build keeps its `e2e.*` query keys. */
function addressFor(experiment: string): string {
  const query = `${experiment}${lessonSuffix()}`;
  const testKeys = TEST_HOOKS_ENABLED ? [...new URLSearchParams(window.location.search)].filter(([key]) => TEST_KEY.test(key)) : [];
  const search = testKeys.map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(value)}`).join('&');
  return `${window.location.pathname}${search ? `?${search}` : ''}#${query}`;
}

/** The experiment part of the address: the fragment, or the query of an old `?v=1` link. */
function experimentText(): string {
  const hash = window.location.hash.slice(1);
  if (decodeExperiment(hash, TEST_HOOKS_ENABLED).found) return hash;
  return window.location.search;
}

function currentAddress(): string {
  return `${window.location.pathname}${window.location.search}${window.location.hash}`;
}

/** The address last read or written, so the popstate and hashchange of one navigation apply it once. */
let lastApplied = '';

/** Applies the experiment in the current address, if it holds one. */
function applyAddress(): void {
  lastApplied = currentAddress();
  const text = experimentText();
  const decoded = decodeExperiment(text, TEST_HOOKS_ENABLED);
  const params = new URLSearchParams(window.location.hash.slice(1));
  const lesson = params.get('lesson');
  if (lesson !== null) {
    const step = Number(params.get('step') ?? '1');
    // A link with a lesson alone opens its step's preset; with an experiment beside it, that experiment.
    const opened = openLesson(lesson, Number.isInteger(step) ? step - 1 : 0, decoded.found);
    if (!opened)
      useAppStore.setState({
        linkNotes: [`The link names a lesson this app does not have ("${lesson.slice(0, 40)}"); the experiment is as the link says.`],
      });
    if (!decoded.found) return;
  }
  if (!decoded.found) return;
  const sweepText = new URLSearchParams(text.replace(/^[?#]/, '')).get(SWEEP_KEY);
  const sweep = sweepText === null ? null : decodeSweep(sweepText);
  if (sweep?.spec) setSweepSpec(sweep.spec);
  const sweepNotes = sweep
    ? [
        ...sweep.notes,
        ...(sweep.spec
          ? [
              `The link holds a sweep of ${KNOB_LABELS[sweep.spec.knob]} over ${sweep.spec.values.length} values (${sweep.spec.values.length * sweep.spec.seeds} runs): it is set up under Sweeps; press Run sweep to run it.`,
            ]
          : []),
      ]
    : [];
  useAppStore.setState({ linkNotes: [...decoded.notes, ...sweepNotes] });
  openLinkExperiment(decoded.config);
}

let started = false;
let timer: ReturnType<typeof setTimeout> | undefined;

/** Adds a history entry for the current experiment, unless the address already says it. */
function pushAddress(): void {
  const next = addressFor(encodeExperiment(useAppStore.getState().config));
  if (next !== currentAddress()) {
    window.history.pushState(null, '', next);
    lastApplied = currentAddress();
  }
}

/**
 * Opens a stored experiment (a history row's Open): applied at once, then
 * put in the address. A plain fragment link cannot do this when the address
 * has not caught up with the latest edit yet (same fragment: no event).
 */
export function openExperiment(query: string): void {
  clearTimeout(timer);
  const decoded = decodeExperiment(query, TEST_HOOKS_ENABLED);
  useAppStore.setState({ linkNotes: decoded.notes });
  openLinkExperiment(decoded.config);
  pushAddress();
}

/** Reads the opened link, then mirrors every config change into the address. Call once, before the first render. */
export function startUrlSync(): void {
  if (started) return;
  started = true;
  applyAddress();
  // A link waiting for consent to load its data stays in the address bar as it was.
  if (!useAppStore.getState().pendingLink)
    window.history.replaceState(null, '', addressFor(encodeExperiment(useAppStore.getState().config)));
  lastApplied = currentAddress();

  useAppStore.subscribe((state, previous) => {
    if (state.config === previous.config && state.lesson.active === previous.lesson.active) return;
    clearTimeout(timer);
    timer = setTimeout(pushAddress, PUSH_DELAY_MS);
  });
  const follow = () => {
    clearTimeout(timer);
    if (currentAddress() !== lastApplied) applyAddress();
  };
  // Back / forward, and a link to another experiment within the page (`#v=1&…`).
  window.addEventListener('popstate', follow);
  window.addEventListener('hashchange', follow);
}

/** The full link to the current experiment. */
export function experimentLink(): string {
  return new URL(addressFor(encodeExperiment(useAppStore.getState().config)), window.location.href).href;
}

/** The link to the current experiment with the sweep set up under Sweeps ("run this table"). */
export function sweepLink(): string {
  return `${experimentLink()}&${SWEEP_KEY}=${encodeURIComponent(encodeSweep(useAppStore.getState().sweep.spec))}`;
}

export function dismissLinkNotes(): void {
  useAppStore.setState({ linkNotes: [] });
}
