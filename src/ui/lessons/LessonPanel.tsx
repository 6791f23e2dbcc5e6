import { useEffect, useRef, useState } from 'react';
import { lessonById } from '../../lessons';
import { changedFromPreset, commitPrediction, goToStep, leaveLesson, predictionFor, runStep } from '../../state/lessonActions';
import { openTab } from '../../state/actions';
import { isLive, useAppStore } from '../../state/store';
import { selectStatus } from '../selectors';

/** The lesson being followed, one step at a time (a fresh choice on each step). */
export function LessonPanel() {
  const active = useAppStore((state) => state.lesson.active);
  return active ? <LessonStep key={`${active.id}/${active.step}`} /> : null;
}

/** One step: its words, a prediction to commit, the goal, and the reading of the learner's own run. */
function LessonStep() {
  const lessonState = useAppStore((state) => state.lesson);
  const status = useAppStore(selectStatus);
  const sweeping = useAppStore((state) => state.sweep.active?.status === 'running');
  const [choice, setChoice] = useState<string | null>(null);
  const readingRef = useRef<HTMLParagraphElement>(null);
  const active = lessonState.active;
  const readRun = active ? (lessonState.resultRuns[active.step] ?? 0) : 0;
  // A new run's reading is what the learner waits for: bring it into view in the lesson's column. What is
  // measured after it (a forest, a drawing) updates the reading in place: the page must not jump while they draw.
  useEffect(() => {
    if (readRun > 0) readingRef.current?.scrollIntoView?.({ block: 'nearest' });
  }, [readRun]);
  const lesson = active ? lessonById(active.id) : null;
  if (!active || !lesson) return null;
  const index = active.step;
  const step = lesson.steps[index];
  const committed = lessonState.predictions[index] ?? null;
  const run = lessonState.results[index] ?? null;
  const context = run
    ? {
        prediction: predictionFor(lessonState, index),
        changed: changedFromPreset(run, lessonState.preset),
        earlier: lessonState.results.slice(0, index),
      }
    : null;
  const met = run && context ? step.goal.met(run, context) : false;
  // A cross-validation trains its folds one after another: the step is busy until the last one ends.
  const busy = isLive(status) || sweeping;
  const mustPredict = step.prediction !== undefined && committed === null;
  // A step trained a batch at a time: its button is Step, usable while the run is paused.
  const stepping = step.measure === 'steps';
  // Moving to another step is refused while something trains; a paused run (after Steps) is stopped first.
  const moving = status === 'running' || sweeping;
  // A step that starts from an earlier step's model waits for that model (kept in memory for this visit).
  const needsModel = step.startFrom !== undefined && !lessonState.models[step.startFrom];
  return (
    <section className="lesson" aria-label={`Lesson: ${lesson.title}`} data-testid="lesson">
      <div className="lesson-head">
        <h2>
          {lesson.title}{' '}
          <span className="lesson-step" data-testid="lesson-step">
            step {index + 1} of {lesson.steps.length}: {step.title}
          </span>
        </h2>
        <button
          type="button"
          className="lesson-leave"
          onClick={leaveLesson}
          title="Close the lesson; the experiment on screen stays as it is"
          data-testid="leave-lesson"
        >
          Leave lesson
        </button>
      </div>
      <div className="lesson-text">
        {step.text.map((paragraph) => (
          <p key={paragraph}>{paragraph}</p>
        ))}
      </div>
      {step.prediction && (
        <fieldset className="lesson-prediction" disabled={committed !== null}>
          <legend>Predict first: {step.prediction.question}</legend>
          {step.prediction.choices.map((option) => (
            <label key={option} className="checkbox">
              <input
                type="radio"
                name={`prediction-${lesson.id}-${index}`}
                value={option}
                checked={(committed ?? choice) === option}
                onChange={() => setChoice(option)}
              />
              {option}
            </label>
          ))}
          {committed === null ? (
            <button
              type="button"
              disabled={choice === null}
              onClick={() => choice && commitPrediction(choice)}
              data-testid="commit-prediction"
            >
              Commit my prediction
            </button>
          ) : (
            <span className="hint">Your prediction: {committed}</span>
          )}
        </fieldset>
      )}
      <p className={`lesson-goal${met ? ' met' : ''}`} data-testid="lesson-goal">
        <strong>Goal:</strong> {step.goal.text} {run ? (met ? '✓ Done: your run met it.' : 'Not yet: your last run did not meet it.') : ''}
      </p>
      <div className="demo-actions">
        <button
          type="button"
          className="primary"
          data-testid="lesson-run"
          disabled={(stepping ? status === 'running' || sweeping : busy) || mustPredict || needsModel}
          title={
            mustPredict
              ? 'Commit a prediction first'
              : needsModel
                ? `Run step ${step.startFrom! + 1} first: this step starts from its model`
                : step.evaluateOnly
                  ? 'Score the earlier step’s model on this data, without training'
                  : stepping
                    ? 'Train exactly one batch, then pause: the network picture shows how each weight changed'
                    : step.measure === 'folds'
                      ? 'Cross-validate the experiment as it is now: one model per fold, trained one after another'
                      : 'Train the experiment as it is now (the step’s preset, and anything you changed)'
          }
          onClick={runStep}
        >
          {stepping ? `Step one batch${run?.stepping ? ` (step ${run.stepping.step + 1})` : ''}` : 'Run this step'}
        </button>
        <button type="button" disabled={index === 0 || moving} onClick={() => goToStep(index - 1)} data-testid="previous-step">
          Previous step
        </button>
        <button
          type="button"
          disabled={index === lesson.steps.length - 1 || moving}
          onClick={() => goToStep(index + 1)}
          data-testid="next-step"
        >
          Next step
        </button>
      </div>
      {needsModel && (
        <p className="hint" data-testid="lesson-needs-model">
          This step starts from the model step {step.startFrom! + 1} trains, kept for this visit only: run step {step.startFrom! + 1} first.
        </p>
      )}
      {run && step.measure === 'drawing' && !busy && (
        <button type="button" onClick={goToDrawingPad} data-testid="lesson-draw">
          Go to the drawing pad
        </button>
      )}
      {run && context && (
        <p className="note lesson-reading" role="status" data-testid="lesson-reading" ref={readingRef}>
          {readRun === 0 && <span className="hint">Your run from an earlier visit: </span>}
          {step.reading(run, context)}
        </p>
      )}
    </section>
  );
}

/** Opens Insights and brings the drawing pad into view, for a step that reads a drawing. */
function goToDrawingPad(): void {
  openTab('insights');
  requestAnimationFrame(() => {
    const pad = document.querySelector<HTMLElement>('[data-testid="draw-canvas"]');
    pad?.scrollIntoView?.({ block: 'center' });
  });
}
