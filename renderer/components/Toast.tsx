/** A polite status message (triage done, with Annuler), announced to screen readers. */

/** Props: the message, an optional action, and dismissal. */
export interface ToastProps {
  message: string | null;
  actionLabel?: string;
  onAction?: () => void;
}

/** Renders the live region (always present so announcements are not lost). */
export function Toast({ message, actionLabel, onAction }: ToastProps) {
  return (
    <div className="toast-region" role="status" aria-live="polite">
      {message && (
        <div className="toast">
          <span>{message}</span>
          {actionLabel && onAction && (
            <button type="button" onClick={onAction}>
              {actionLabel}
            </button>
          )}
        </div>
      )}
    </div>
  );
}
