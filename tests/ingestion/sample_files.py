"""What the ingestion tests know about the sample files, shared by several test modules."""

# The Kaggle file names, used here only to say which table each sample file should feed.
KAGGLE_NAMES = {
    "olist_orders_dataset.csv": "olist_orders",
    "olist_order_items_dataset.csv": "olist_order_items",
    "olist_order_payments_dataset.csv": "olist_order_payments",
    "olist_order_reviews_dataset.csv": "olist_order_reviews",
    "olist_customers_dataset.csv": "olist_customers",
    "olist_products_dataset.csv": "olist_products",
    "olist_sellers_dataset.csv": "olist_sellers",
    "olist_geolocation_dataset.csv": "olist_geolocation",
    "product_category_name_translation.csv": "olist_category_translation",
}
