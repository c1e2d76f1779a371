"""Claims of 000 (Traonmilin & Newson, elementary response of deep networks)."""
