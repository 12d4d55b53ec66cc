import { ArrowLeft, X } from 'lucide-react';
import { useNarrow } from '../shell/useMediaQuery';

type PanelCloseProps = {
  /** What closing does, on a wide screen: "Close the thread". */
  label: string;
  onClose: () => void;
};

/**
 * A side panel's close button. On a phone the panel covers the screen like a page of its own, so
 * the button is a Back arrow at the start of its header, back to the conversation.
 */
export function PanelClose({ label, onClose }: PanelCloseProps) {
  const narrow = useNarrow();
  return (
    <button
      type="button"
      className={narrow ? 'button button-quiet icon-button panel-back' : 'button button-quiet icon-button panel-close'}
      data-testid="panel-close"
      aria-label={narrow ? 'Back to the conversation' : label}
      title={narrow ? undefined : label}
      onClick={onClose}
    >
      {narrow ? (
        <>
          <ArrowLeft size={16} aria-hidden="true" /> Back
        </>
      ) : (
        <X size={18} aria-hidden="true" />
      )}
    </button>
  );
}
