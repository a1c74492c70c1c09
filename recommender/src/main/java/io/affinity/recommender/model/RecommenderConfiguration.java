package io.affinity.recommender.model;

import io.affinity.recommender.serving.Recommender;
import io.affinity.recommender.training.TrainingConfig;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.Value;
import java.nio.file.Path;

/** Configuration of training and serving, under {@code affinity.recommender}. */
@ConfigurationProperties(RecommenderConfiguration.PREFIX)
public class RecommenderConfiguration {
  public static final String PREFIX = "affinity.recommender";
  public static final int DEFAULT_KEEP_MODELS = 3;
  public static final int DEFAULT_WINDOW_DAYS = 0;
  public static final int DEFAULT_HOLDOUT_DAYS = 14;
  public static final int DEFAULT_HOLDOUT_CUSTOMERS = 2000;

  private final Path dataDir;
  private int keepModels = DEFAULT_KEEP_MODELS;
  private int windowDays = DEFAULT_WINDOW_DAYS;
  private int holdoutDays = DEFAULT_HOLDOUT_DAYS;
  private int holdoutCustomers = DEFAULT_HOLDOUT_CUSTOMERS;
  private int maxPerUser = TrainingConfig.DEFAULT_MAX_PER_USER;
  private int indicatorsPerItem = TrainingConfig.DEFAULT_INDICATORS_PER_ITEM;
  private int minCooccurrence = TrainingConfig.DEFAULT_MIN_COOCCURRENCE;
  private double minLlr = TrainingConfig.DEFAULT_MIN_LLR;
  private double repeatWeight = Recommender.Tuning.DEFAULT_REPEAT_WEIGHT;
  private int clausesPerSignal = Recommender.Tuning.DEFAULT_CLAUSES_PER_SIGNAL;
  private double evidenceFloor = Recommender.Tuning.DEFAULT_EVIDENCE_FLOOR;
  private boolean trainOnStart;
  private String schedule;

  public RecommenderConfiguration(@Value("${affinity.data-dir:./data}") String dataDir) {
    this.dataDir = Path.of(dataDir);
  }

  /** Where model generations live: {@code <data-dir>/models}. */
  public Path modelsDir() {
    return dataDir.resolve("models");
  }

  /** How many model generations to keep on disk; older ones are removed and retired. */
  public int getKeepModels() {
    return keepModels;
  }

  public void setKeepModels(int keepModels) {
    this.keepModels = Math.max(1, keepModels);
  }

  /** Days of events to train on, counted back from the newest event; 0 means all. */
  public int getWindowDays() {
    return windowDays;
  }

  public void setWindowDays(int windowDays) {
    this.windowDays = windowDays;
  }

  /**
   * Days at the end of the window that each training run also holds out, to record offline metrics
   * with the model (a second, in-memory training on the data before them); 0 turns the check off.
   */
  public int getHoldoutDays() {
    return holdoutDays;
  }

  public void setHoldoutDays(int holdoutDays) {
    this.holdoutDays = Math.max(0, holdoutDays);
  }

  /** At most this many customers are scored by the holdout check. */
  public int getHoldoutCustomers() {
    return holdoutCustomers;
  }

  public void setHoldoutCustomers(int holdoutCustomers) {
    this.holdoutCustomers = Math.max(1, holdoutCustomers);
  }

  /** See {@link TrainingConfig#maxPerUser()}. */
  public int getMaxPerUser() {
    return maxPerUser;
  }

  public void setMaxPerUser(int maxPerUser) {
    this.maxPerUser = maxPerUser;
  }

  /** See {@link TrainingConfig#indicatorsPerItem()}. */
  public int getIndicatorsPerItem() {
    return indicatorsPerItem;
  }

  public void setIndicatorsPerItem(int indicatorsPerItem) {
    this.indicatorsPerItem = indicatorsPerItem;
  }

  /** See {@link TrainingConfig#minCooccurrence()}. */
  public int getMinCooccurrence() {
    return minCooccurrence;
  }

  public void setMinCooccurrence(int minCooccurrence) {
    this.minCooccurrence = minCooccurrence;
  }

  /** See {@link TrainingConfig#minLlr()}. */
  public double getMinLlr() {
    return minLlr;
  }

  public void setMinLlr(double minLlr) {
    this.minLlr = minLlr;
  }

  /** See {@link Recommender.Tuning#repeatWeight()}. */
  public double getRepeatWeight() {
    return repeatWeight;
  }

  public void setRepeatWeight(double repeatWeight) {
    this.repeatWeight = repeatWeight;
  }

  /** See {@link Recommender.Tuning#clausesPerSignal()}. */
  public int getClausesPerSignal() {
    return clausesPerSignal;
  }

  public void setClausesPerSignal(int clausesPerSignal) {
    this.clausesPerSignal = clausesPerSignal;
  }

  /**
   * See {@link Recommender.Tuning#evidenceFloor()}; cross-sell offers apply the same floor. In [0,
   * 1).
   */
  public double getEvidenceFloor() {
    return evidenceFloor;
  }

  public void setEvidenceFloor(double evidenceFloor) {
    if (!(evidenceFloor >= 0 && evidenceFloor < 1)) {
      throw new IllegalArgumentException(
          PREFIX + ".evidence-floor must be in [0, 1), got " + evidenceFloor);
    }
    this.evidenceFloor = evidenceFloor;
  }

  /** How queries score. */
  public Recommender.Tuning tuning() {
    return new Recommender.Tuning(repeatWeight, clausesPerSignal, evidenceFloor);
  }

  /** Train a model at start-up when none is registered (and there are events). */
  public boolean isTrainOnStart() {
    return trainOnStart;
  }

  public void setTrainOnStart(boolean trainOnStart) {
    this.trainOnStart = trainOnStart;
  }

  /** A cron expression for scheduled training (e.g. {@code 0 0 3 * * ?}); none by default. */
  public String getSchedule() {
    return schedule;
  }

  public void setSchedule(String schedule) {
    this.schedule = schedule;
  }

  /** The training knobs. */
  public TrainingConfig training() {
    return new TrainingConfig(maxPerUser, indicatorsPerItem, minCooccurrence, minLlr, 42L);
  }
}
