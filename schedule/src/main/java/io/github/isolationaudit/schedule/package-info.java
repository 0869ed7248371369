/**
 * The one model of how runners and builds execute tests: which two tests can overlap in time, and
 * under which locks. Verdicts, explain and the plan all ask it. It depends on the model's types
 * only.
 */
package io.github.isolationaudit.schedule;
