import { join } from 'node:path';
import { describeMeta, RELIABILITY_RULES } from '../reference/support';

describeMeta('reliability', RELIABILITY_RULES, join(__dirname, '..', '..', '..', 'rules', 'reliability'));
