/** Entry point: mounts the dashboard. The client (IPC or HTTP) is chosen inside `getClient()`. */
import { mount } from 'svelte';
import App from './App.svelte';
import './app.css';

const target = document.getElementById('app');
if (!target) throw new Error('index.html lacks #app');
mount(App, { target });
