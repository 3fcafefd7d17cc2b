/**
 * The tutorial's side panel: a step's prose and goal, its checks ticking as the user works, a done
 * indicator, Reset and Show solution, and the way between steps. Checks read the compiled graph and
 * the results of runs made since the step was opened.
 */
import { Fragment, useEffect, useRef, useState, useSyncExternalStore } from 'react';
import { tutorialSteps, type TutorialStep } from '../../examples/tutorial/steps';
import type { CheckContext } from '../../examples/tutorial/check';
import { useMediaQuery } from '../layout/useMediaQuery';
import { useSession, useWorkspace } from '../state/hooks';
import type { ShareController } from '../share/controller';
import { stepOf } from '../share/work';
import { progressStore, updateProgress } from './progress';
import './tutorial.css';

function useProgress() {
  return useSyncExternalStore(progressStore.subscribe, progressStore.get);
}

/** The step the editor holds, if any: the tutorial is open exactly when it holds one. */
function useOpenStep(controller: ShareController): TutorialStep | undefined {
  const { state } = controller.work;
  return stepOf(useSyncExternalStore(state.subscribe, state.get).current.key);
}

/** Text with `code` spans. */
function Prose({ text }: { readonly text: string }) {
  return (
    <p>
      {text
        .split('`')
        .map((part, i) => (i % 2 === 1 ? <code key={i}>{part}</code> : <Fragment key={i}>{part}</Fragment>))}
    </p>
  );
}

/** The header's Tutorial button: opens the tutorial where the user left it, and closes it (back to the work open before). */
export function TutorialToggle({ controller }: { readonly controller: ShareController }) {
  const open = useOpenStep(controller) !== undefined;
  return (
    <button
      type="button"
      className="button"
      aria-pressed={open}
      onClick={() => (open ? controller.closeTutorial() : controller.openTutorial())}
    >
      Tutorial
    </button>
  );
}

export function TutorialPanel({ controller }: { readonly controller: ShareController }) {
  const step = useOpenStep(controller);
  // A step of its own each time: its checks count the runs made since it was opened.
  return step ? <OpenPanel key={step.id} controller={controller} step={step} /> : null;
}

function OpenPanel({
  controller,
  step,
}: {
  readonly controller: ShareController;
  readonly step: TutorialStep;
}) {
  const progress = useProgress();
  const session = useSession();
  const workspace = useWorkspace();
  const index = tutorialSteps.indexOf(step);
  // Runs from before the step was opened (another step's files) do not count.
  const since = useRef<number>(session.run?.id ?? -1);

  const open = (target: TutorialStep, which: 'start' | 'solution') => {
    since.current = session.run?.id ?? -1;
    controller.openStep(target, which);
  };

  const ctx: CheckContext = {
    graph: session.compiled?.graph ?? null,
    results:
      session.run && session.run.status === 'done' && session.run.id > since.current
        ? session.run.results
        : {},
    config: workspace.config,
  };
  const checks = step.check(ctx);
  const done = checks.every((c) => c.ok);
  useEffect(() => {
    if (done && !progress.done.includes(step.id)) updateProgress({ done: [...progress.done, step.id] });
  }, [done, step.id, progress.done]);
  const next = tutorialSteps[index + 1];
  const previous = tutorialSteps[index - 1];
  // On a phone the panel shares the screen with the code: it folds to one line while the user works.
  const phone = useMediaQuery('(max-width: 719px)');
  const [folded, setFolded] = useState(false);

  if (phone && folded) {
    const title = `${done ? '✓ ' : ''}${step.title}`;
    return <FoldedPanel title={title} index={index} onUnfold={() => setFolded(false)} />;
  }

  return (
    <aside className="tutorial" aria-label="Tutorial">
      <div className="tutorial-head">
        <span className="tutorial-count">
          Step {index + 1} of {tutorialSteps.length} · {progress.done.length} done
        </span>
        <span>
          {phone && (
            <button
              type="button"
              className="button small"
              aria-expanded={true}
              title="Fold the tutorial to one line, for more room to code"
              onClick={() => setFolded(true)}
            >
              Fold
            </button>
          )}{' '}
          <button
            type="button"
            className="icon-button"
            aria-label="Close the tutorial"
            onClick={() => controller.closeTutorial()}
          >
            ×
          </button>
        </span>
      </div>
      <h2>{step.title}</h2>
      {step.prose.map((p) => (
        <Prose key={p} text={p} />
      ))}
      <div className="tutorial-goal">
        <strong>Goal</strong>
        <Prose text={step.goal} />
      </div>
      <ul className="tutorial-checks" aria-label="Checks">
        {checks.map((c) => (
          <li key={c.label} data-ok={c.ok} data-needs-run={c.needsRun === true}>
            <span aria-hidden="true">{c.ok ? '✓' : '○'}</span> {c.label}
            {!c.ok && c.needsRun && <span className="tutorial-hint"> (Run to check)</span>}
            <span className="visually-hidden">{c.ok ? ' (done)' : ' (not yet)'}</span>
          </li>
        ))}
      </ul>
      <p className="tutorial-status" role="status" data-done={done}>
        {done ? '✓ Step done!' : 'Not done yet: edit the code, then Run.'}
      </p>
      <StepActions
        done={done}
        previous={previous}
        next={next}
        onReset={() => {
          since.current = session.run?.id ?? -1;
          controller.resetToOriginal();
        }}
        onOpen={(target, which) => open(target ?? step, which)}
      />
    </aside>
  );
}

/** Reset and Show solution for the open step, then Previous and Next. */
function StepActions({
  done,
  previous,
  next,
  onReset,
  onOpen,
}: {
  readonly done: boolean;
  readonly previous: TutorialStep | undefined;
  readonly next: TutorialStep | undefined;
  readonly onReset: () => void;
  /** Opens a step (null: the open one) at its start or its solution. */
  readonly onOpen: (step: TutorialStep | null, which: 'start' | 'solution') => void;
}) {
  return (
    <>
      <div className="tutorial-actions">
        <button
          type="button"
          className="button"
          title="Back to the step's starting files (your edits go to History)"
          onClick={onReset}
        >
          Reset
        </button>
        <button type="button" className="button" onClick={() => onOpen(null, 'solution')}>
          Show solution
        </button>
      </div>
      <div className="tutorial-actions">
        <button
          type="button"
          className="button"
          disabled={!previous}
          onClick={() => previous && onOpen(previous, 'start')}
        >
          ← Previous
        </button>
        <button
          type="button"
          className={`button${done ? ' primary' : ''}`}
          disabled={!next}
          onClick={() => next && onOpen(next, 'start')}
        >
          Next step →
        </button>
      </div>
    </>
  );
}

/** The tutorial folded to one line on a phone: the step's title (pressed, it unfolds) and its number. */
function FoldedPanel({
  title,
  index,
  onUnfold,
}: {
  readonly title: string;
  readonly index: number;
  readonly onUnfold: () => void;
}) {
  return (
    <aside className="tutorial folded" aria-label="Tutorial">
      <div className="tutorial-head">
        <button type="button" className="link-button" aria-expanded={false} onClick={onUnfold}>
          {title}
        </button>
        <span className="tutorial-count">
          Step {index + 1} of {tutorialSteps.length}
        </span>
      </div>
    </aside>
  );
}
