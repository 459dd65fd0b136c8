import { writeSyntheticHistory } from '../src/main/engine/store/synthetic-history.js';
const end = Math.floor(Date.now() / 3_600_000) * 3_600_000;
await writeSyntheticHistory(process.argv[2]!, { end, days: 1827 });
