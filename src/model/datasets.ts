/** The reference datasets the model reads, by role (ids of src/data; every model version uses these names). */
export const MCS_MINE = "usgs_mcs_mine_production";
export const RESERVES = "usgs_mcs_reserves";
export const STAGE_SHARES = "stage_shares";
export const QUOTA = "china_quota";
export const PAPER = "framework_paper";
export const SALIENT = "us_salient";
export const COMTRADE = "comtrade_us_imports_concentration";
export const JAPAN = "japan_china_import_share";
export const EU_SHARES = "eu_crm2023_shares";
export const BACI_WORLD = "baci_world_trade";
export const BACI_TOP = "baci_top_traders";
export const OEC = "oec_hs2846_trade";
