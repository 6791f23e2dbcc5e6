import { LESSONS } from '../../lessons';
import { openLesson, savedProgress } from '../../state/lessonActions';
import { useAppStore } from '../../state/store';

/** The list of lessons (a popover in the header): each opens at the step the learner left it. */
export function LessonsMenu() {
  const active = useAppStore((state) => state.lesson.active);
  return (
    <details className="popover lessons-popover">
      <summary>Lessons</summary>
      <div className="popover-body lesson-list" role="group" aria-label="Lessons">
        {LESSONS.map((lesson) => {
          const progress = savedProgress(lesson.id, lesson.steps.length);
          const done = progress?.done.filter(Boolean).length ?? 0;
          return (
            <button
              key={lesson.id}
              type="button"
              className="lesson-choice"
              aria-current={active?.id === lesson.id ? 'step' : undefined}
              onClick={(event) => {
                openLesson(lesson.id);
                event.currentTarget.closest('details')?.removeAttribute('open');
              }}
            >
              <strong>{lesson.title}</strong>
              <span className="hint">
                {lesson.summary} {done > 0 ? `(${done} of ${lesson.steps.length} steps done)` : `(${lesson.steps.length} steps)`}
              </span>
            </button>
          );
        })}
      </div>
    </details>
  );
}
