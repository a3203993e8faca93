using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace GovCloud.Web.Infrastructure.Data.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class DisposalBothParts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateOnly>(
                name: "HandedOverOn",
                table: "MigrationPlanItems",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "HandedOverTo",
                table: "MigrationPlanItems",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "HandoverContent",
                table: "MigrationPlanItems",
                type: "character varying(500)",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "WipeMethod",
                table: "MigrationPlanItems",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "DisposalHandedOverOn",
                table: "ChangeRequests",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "DisposalHandedOverTo",
                table: "ChangeRequests",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "DisposalHandoverContent",
                table: "ChangeRequests",
                type: "character varying(500)",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "DisposalWipeMethod",
                table: "ChangeRequests",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "HandedOverOn",
                table: "MigrationPlanItems");

            migrationBuilder.DropColumn(
                name: "HandedOverTo",
                table: "MigrationPlanItems");

            migrationBuilder.DropColumn(
                name: "HandoverContent",
                table: "MigrationPlanItems");

            migrationBuilder.DropColumn(
                name: "WipeMethod",
                table: "MigrationPlanItems");

            migrationBuilder.DropColumn(
                name: "DisposalHandedOverOn",
                table: "ChangeRequests");

            migrationBuilder.DropColumn(
                name: "DisposalHandedOverTo",
                table: "ChangeRequests");

            migrationBuilder.DropColumn(
                name: "DisposalHandoverContent",
                table: "ChangeRequests");

            migrationBuilder.DropColumn(
                name: "DisposalWipeMethod",
                table: "ChangeRequests");
        }
    }
}
