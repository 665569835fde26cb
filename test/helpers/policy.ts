import * as path from 'node:path';
import { loadPolicy } from '../../src/config/loadPolicy';

export const QSEE_POLICY_FILE = path.resolve(__dirname, '..', '..', 'policies', 'qsee.json');
export const OTHER_BRAND_POLICY_FILE = path.resolve(__dirname, '..', 'fixtures', 'acme-policy.json');
export const qseePolicy = () => loadPolicy(QSEE_POLICY_FILE);
