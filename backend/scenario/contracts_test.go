package scenario_test

// The contract types register themselves with this package from backend/contract,
// which imports it; importing it here registers them for every test of the package.
import _ "dealmodel/backend/contract"
