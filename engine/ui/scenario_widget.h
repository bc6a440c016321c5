// The branching-scenario player drawn inside a page.
#pragma once

#include "learning/scenario_run.h"
#include "ui/blocks.h"

namespace lectern::ui {

void DrawScenario(const Scenario& scenario, const ScenarioRun& run, const BlockContext& bc, Actions& actions);

}  // namespace lectern::ui
