package io.github.isolationaudit.fixtures.markers.hard;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * Looks harmless: the only shared write is three helper calls down ({@code prepareStaging ->
 * applyRegionDefaults -> writeEndpoint}), and {@link DeepChainPartnerReaderTestCase} (no marker)
 * reads it. The {@code @Isolated} is what keeps them apart.
 */
// VERDICT: REQUIRED
@Isolated
class DeepChainTestCase {

  @Test
  void deploysToStaging() {
    DeploymentSettings.prepareStaging();
  }
}
