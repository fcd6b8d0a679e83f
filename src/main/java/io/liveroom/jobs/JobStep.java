package io.liveroom.jobs;

/** What one step of a job leaves: more to do (its cursor is saved), or done. */
public enum JobStep {
  MORE, DONE
}
