import { z } from 'zod';
import { bootstrap } from './bootstrap';
import './styles.css';

// zod compiles object parsers with new Function() unless told not to; the
// CSP forbids eval, and a refused eval logs a console error.
z.config({ jitless: true });

const container = document.getElementById('root');
if (!container) throw new Error('index.html must contain #root');
void bootstrap(container);
