import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { preloadIfLikelySignedIn } from './app/signedInChunk';
import { createServices } from './core/services';
import './styles.css';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');

preloadIfLikelySignedIn();
createRoot(root).render(
  <StrictMode>
    <App services={createServices()} />
  </StrictMode>,
);
