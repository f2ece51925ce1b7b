import { join } from 'node:path';
import { describeMeta, REFERENCE_RULES } from './support';

describeMeta('reference', REFERENCE_RULES, join(__dirname, '..', '..', '..', 'rules', 'reference'));
