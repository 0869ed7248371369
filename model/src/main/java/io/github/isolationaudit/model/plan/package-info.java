/**
 * The execution plan as data: lanes (JVM invocations of the runner), the stages that order them,
 * the predicted wall time, and shards for several machines.
 */
package io.github.isolationaudit.model.plan;
