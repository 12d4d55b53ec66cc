import { Component, type ErrorInfo, type ReactNode } from 'react';

/**
 * Catches a part of the app whose code failed to load (the network dropped, or a new version was
 * deployed and its old chunk is gone) and offers a reload instead of a blank screen. Any other
 * error thrown while rendering that part shows the same message: reloading is the one remedy
 * either way. `floating`: for parts shown over the page (dialogs, pickers), the message floats
 * over the page too instead of squeezing into where the part was opened from.
 */
export class ChunkBoundary extends Component<{ children: ReactNode; floating?: boolean }, { failed: boolean }> {
  override state = { failed: false };

  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }

  override componentDidCatch(error: unknown, info: ErrorInfo) {
    // Preact gives no component stack.
    console.error('a part of Parley failed to load', error, info.componentStack ?? '');
  }

  override render() {
    if (!this.state.failed) return this.props.children;
    return (
      <div className={this.props.floating ? 'chunk-failed is-floating' : 'chunk-failed'} role="alert" data-testid="chunk-failed">
        <p>This part of Parley could not be loaded. A new version may have been published, or the connection dropped.</p>
        <button type="button" className="button" onClick={() => window.location.reload()}>
          Reload Parley
        </button>
      </div>
    );
  }
}
