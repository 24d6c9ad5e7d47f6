import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';

// One instance each per function, created at cold start; service name and namespace come from the
// POWERTOOLS_* variables that the infrastructure (or the local cloud) sets.
export const logger = new Logger();
export const metrics = new Metrics();
