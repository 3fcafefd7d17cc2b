/** The share pieces of the shell: the banner under the header, the toast, and Download project. */
import { useEffect, useState, useSyncExternalStore } from 'react';
import { useWorkspace } from '../state/hooks';
import type { Banner, ShareController } from './controller';
import './share.css';

function useShareState(controller: ShareController) {
  return useSyncExternalStore(controller.state.subscribe, controller.state.get);
}

/**
 * "This code came from a link" (with "Restore my previous work"), a broken link's message, "These are
 * your edits to …" (with "Reset to original"), another tab at work, and storage that keeps nothing.
 */
export function ShareBanner({ controller }: { readonly controller: ShareController }) {
  const { banner, storageNote } = useShareState(controller);
  return (
    <>
      {storageNote && (
        <div className="share-banner storage" role="alert" data-banner="storage">
          <span>{storageNote}</span>
          <DismissButton onClick={() => controller.dismissStorageNote()} />
        </div>
      )}
      {banner && <WorkBanner controller={controller} banner={banner} />}
    </>
  );
}

function WorkBanner({
  controller,
  banner,
}: {
  readonly controller: ShareController;
  readonly banner: Banner;
}) {
  const { restoreId } = banner;
  return (
    <div
      className={`share-banner ${banner.kind}`}
      role={banner.kind === 'bad-link' ? 'alert' : 'status'}
      data-banner={banner.kind}
    >
      <span>{banner.message}</span>
      {restoreId && (
        <button type="button" className="button" onClick={() => controller.restore(restoreId)}>
          Restore my previous work
        </button>
      )}
      {banner.canReset && (
        <button type="button" className="button" onClick={() => controller.resetToOriginal()}>
          Reset to original
        </button>
      )}
      <DismissButton onClick={() => controller.dismissBanner()} />
    </div>
  );
}

function DismissButton({ onClick }: { readonly onClick: () => void }) {
  return (
    <button type="button" className="icon-button" aria-label="Dismiss" onClick={onClick}>
      ×
    </button>
  );
}

const TOAST_MS = 3500;

/** A message that fades after a few seconds (read by screen readers as a status). */
export function ShareToast({ controller }: { readonly controller: ShareController }) {
  const { toast } = useShareState(controller);
  const [shown, setShown] = useState<number | null>(null);
  useEffect(() => {
    if (!toast) return;
    setShown(toast.seq);
    const timer = setTimeout(() => setShown(null), TOAST_MS);
    return () => clearTimeout(timer);
  }, [toast]);
  return (
    <div className="share-toast" role="status" aria-live="polite" hidden={!toast || shown !== toast.seq}>
      {toast?.text}
    </div>
  );
}

/** The header's Download project button. */
export function DownloadProjectButton({ controller }: { readonly controller: ShareController }) {
  const workspace = useWorkspace();
  const [busy, setBusy] = useState(false);
  return (
    <button
      type="button"
      className="button"
      aria-label="Download project"
      title="Download a Node project that runs these modules (npm install && npm start)"
      disabled={busy}
      onClick={() => {
        setBusy(true);
        void controller.downloadProject(workspace).finally(() => setBusy(false));
      }}
    >
      ⤓ Project
    </button>
  );
}
