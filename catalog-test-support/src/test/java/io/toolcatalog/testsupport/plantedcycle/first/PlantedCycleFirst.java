package io.toolcatalog.testsupport.plantedcycle.first;

import io.toolcatalog.testsupport.plantedcycle.second.PlantedCycleSecond;

/** Half of a package cycle planted for {@code PackageCycleRuleTest}: it needs the other half. */
public final class PlantedCycleFirst {

    PlantedCycleSecond other;
}
