package io.liveroom.personaldata;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Every capability's personal data and retention rules, in the bootstrap's dependency order: the
 * bootstrap fills it before any capability starts, and privacy's export, cancellation, erasure and
 * retention flows read it. Sources are called in that order (accounts first).
 */
public final class PersonalDataRegistry {
  private final List<PersonalDataSource> sources = new CopyOnWriteArrayList<>();
  private final List<RetentionRule> retention = new CopyOnWriteArrayList<>();

  public PersonalDataRegistry add(PersonalDataSource source) {
    sources.add(source);
    return this;
  }

  public PersonalDataRegistry retain(RetentionRule rule) {
    retention.add(rule);
    return this;
  }

  /** Live view: sources added later are seen by the flows that hold it. */
  public List<PersonalDataSource> sources() {
    return sources;
  }

  public List<RetentionRule> retention() {
    return retention;
  }

  /** The categories every export holds, in order (each source's {@link PersonalDataSource#categories}). */
  public List<String> categories() {
    List<String> all = new ArrayList<>();
    sources.forEach(s -> all.addAll(s.categories()));
    return all;
  }
}
