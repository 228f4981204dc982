package org.licensekit.core.domain;

/** What a product requires before a claim can be activated. */
public enum PrerequisiteKind {
  /** A training course that must have been completed. */
  TRAINING,
  /** A certification that must have been earned and not have expired. */
  CERTIFICATION
}
