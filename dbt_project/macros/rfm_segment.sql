{#-
    rfm_segment(r_score, f_score, m_score)

    Names a customer from the three 1-5 scores. Repeat buyers (f_score >= 2) and one-order buyers
    are named separately, because one order says nothing about loyalty:
      repeat buyers:    Champions (r >= 4, m >= 4), Loyal (r >= 3), Cannot lose them (r <= 2,
                        m >= 4), At risk (r <= 2, m <= 3)
      one-order buyers: Potential loyalist (r = 5, m >= 4), New (r = 5, m <= 3), Promising (r = 4),
                        Needs attention (r = 3), Hibernating (r = 2), Lost (r = 1)
    Every score combination gets exactly one name.
-#}
{% macro rfm_segment(r_score, f_score, m_score) -%}
    case
        when {{ f_score }} >= 2 and {{ r_score }} >= 4 and {{ m_score }} >= 4 then 'Champions'
        when {{ f_score }} >= 2 and {{ r_score }} >= 3 then 'Loyal'
        when {{ f_score }} >= 2 and {{ m_score }} >= 4 then 'Cannot lose them'
        when {{ f_score }} >= 2 then 'At risk'
        when {{ r_score }} = 5 and {{ m_score }} >= 4 then 'Potential loyalist'
        when {{ r_score }} = 5 then 'New'
        when {{ r_score }} = 4 then 'Promising'
        when {{ r_score }} = 3 then 'Needs attention'
        when {{ r_score }} = 2 then 'Hibernating'
        else 'Lost'
    end
{%- endmacro %}
