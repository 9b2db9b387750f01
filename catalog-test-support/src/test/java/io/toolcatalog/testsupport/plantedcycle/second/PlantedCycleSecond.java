package io.toolcatalog.testsupport.plantedcycle.second;

import io.toolcatalog.testsupport.plantedcycle.first.PlantedCycleFirst;

/** The other half of the planted package cycle: it needs the first half back. */
public final class PlantedCycleSecond {

    PlantedCycleFirst other;
}
