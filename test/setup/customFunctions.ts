// Gives tests the CustomFunctions global that Excel would provide.
import { installCustomFunctionsStandIn } from "../../src/runtime/customFunctionsStandIn";
installCustomFunctionsStandIn();
