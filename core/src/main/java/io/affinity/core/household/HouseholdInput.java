package io.affinity.core.household;

import io.affinity.core.attributes.BoundedAttributes;
import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.Map;

/**
 * A household as a shop sends it. Omitted (null) fields leave the stored value as it is.
 *
 * @param id the shop's id of the household
 */
@Serdeable
@Introspected
public record HouseholdInput(
    @Nullable @NotBlank @Size(max = 100) String id,
    @Nullable @Size(max = 200) String name,
    @Nullable @Size(max = 500) String address,
    @Nullable @Size(max = 20) String postcode,
    @Nullable @Size(max = 60) String country,
    @Nullable @BoundedAttributes Map<String, Object> attributes) {}
