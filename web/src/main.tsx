/** Entry point of the dashboard bundle (web/index.html loads it). */
import { render } from 'preact';
import { App } from './app.tsx';
import { initLocale } from './i18n.ts';
import './styles.css';

initLocale();
render(<App />, document.getElementById('app')!);
