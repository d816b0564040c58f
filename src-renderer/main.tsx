// Start-up: pick the transport once, then render. Styles are plain CSS files (the web
// transport's CSP allows no inline <style>).
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { createQueryClient } from './app/query-client';
import { pickTransport } from './app/transport/pick-transport';
import './styles/tokens.css';
import './styles/base.css';
import './styles/frame.css';
import './styles/controls.css';
import './styles/content.css';
import './styles/tables.css';

const api = pickTransport();
const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

createRoot(root).render(
  <StrictMode>
    <App api={api} queryClient={createQueryClient()} />
  </StrictMode>,
);
