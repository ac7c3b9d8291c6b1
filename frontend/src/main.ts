import { mount } from 'svelte';
import App from './App.svelte';
import './app.css';
import { firstScreen } from './lib/firstScreen';

// Asked for before the app is built, so that the answer comes while it is.
void firstScreen();

const target = document.getElementById('app');
if (!target) throw new Error('index.html has no #app element');

export default mount(App, { target });
