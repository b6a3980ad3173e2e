DROP INDEX IF EXISTS
    om_mig_bil_fee_cfg_id_idx,
    om_mig_bil_ubp_cfg_id_idx,
    om_mig_bil_parent_id_idx,
    om_mig_bild_line_id_idx,
    om_mig_biuld_line_id_idx,
    om_mig_bsidl_parent_id_idx,
    om_mig_bsidlad_line_id_idx;
