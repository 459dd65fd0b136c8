/** Entry point: mounts the dashboard. App.svelte makes the client (IPC or HTTP) and provides it to every view. */
import { mount } from 'svelte';
import App from './App.svelte';
import './app.css';

const target = document.getElementById('app');
if (!target) throw new Error('index.html lacks #app');
mount(App, { target });
