-- Each accelerator the curated tables name, matched to its row in Epoch AI's ML hardware database, per
-- evidence filter: release date (and availability, release + 90 days as Cottier et al. date it), release
-- price, peak dense BF16 (tensor FP16/BF16) FLOP/s and TDP.
WITH names(gpu, hardware_name) AS (
    VALUES ('A100', 'NVIDIA A100'), ('A100-40GB', 'NVIDIA A100 SXM4 40 GB'), ('A100-80GB', 'NVIDIA A100 SXM4 80 GB'),
           ('H100-SXM', 'NVIDIA H100 SXM5 80GB'), ('H100-PCIe', 'NVIDIA H100 PCIe'), ('H800', 'NVIDIA H800 SXM5'),
           ('H200', 'NVIDIA H200 SXM'), ('B200', 'NVIDIA B200'), ('MI300X', 'AMD Instinct MI300X'),
           ('TPUv4', 'Google TPU v4'), ('TPUv5e', 'Google TPU v5e'), ('TPUv5p', 'Google TPU v5p'),
           ('TPUv6e', 'Google TPU v6e Trillium')
)
SELECT h.evidence_filter, n.gpu, n.hardware_name, h.release_date,
       decimal_year(h.release_date + INTERVAL 90 DAY) AS availability_year,
       h.release_price_usd, h.tensor_fp16_bf16_flop_per_second AS peak_dense_bf16_flop_per_second, h.tdp_watts,
       h.confidence, h.source_id
FROM names AS n JOIN ml_hardware_evidence AS h USING (hardware_name)
ORDER BY h.evidence_filter, n.gpu
