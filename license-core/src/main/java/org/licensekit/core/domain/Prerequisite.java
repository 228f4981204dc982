package org.licensekit.core.domain;

import java.util.Objects;

/** Training or a certification a product requires before a claim can be activated. */
public record Prerequisite(TrainingId training, PrerequisiteKind kind) {

  public Prerequisite {
    Objects.requireNonNull(training, "training");
    Objects.requireNonNull(kind, "kind");
  }

  public static Prerequisite training(TrainingId training) {
    return new Prerequisite(training, PrerequisiteKind.TRAINING);
  }

  public static Prerequisite certification(TrainingId training) {
    return new Prerequisite(training, PrerequisiteKind.CERTIFICATION);
  }
}
