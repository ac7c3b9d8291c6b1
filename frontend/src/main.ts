import { mount } from 'svelte';
import App from './App.svelte';
import './app.css';
import { firstScreen } from './lib/firstScreen';

const target = document.getElementById('app');
if (!target) throw new Error('index.html has no #app element');

// The app is built once the first screen's answer is here (usually asked for by
// the page's bridge before this script ran), so that the browser lays out and
// paints the whole first screen once, not an empty frame and then everything
// again. An answer slower than mountWaitMs (a database still opening) does not
// hold the page back: it then fills in as it comes.
const mountWaitMs = 300;
let mounted = false;
function start(): void {
  if (mounted) return;
  mounted = true;
  mount(App, { target: target! });
}
void firstScreen().finally(start);
setTimeout(start, mountWaitMs);
