package org.licensekit.core.domain;

/** What kind of thing a product is; completion metrics apply to learning content. */
public enum ProductType {
  LEARNING_CONTENT,
  ASSESSMENT_TOOL,
  OBSERVATION_TOOL,
  EVALUATION_TOOL,
  ANALYTICS
}
